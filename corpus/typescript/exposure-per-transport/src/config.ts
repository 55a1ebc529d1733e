const settings = {
  port: 3000,
  host: "0.0.0.0",
  logLevel: process.env.LOG_LEVEL ?? "info",
};

export default settings;
