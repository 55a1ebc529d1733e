import forecast from "./forecast.js";
import alerts from "./alerts.js";

export default {
  forecast,
  alerts,
};
