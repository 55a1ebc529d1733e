const fs = require("fs");

function listDir(dir) {
  return fs.readdirSync(dir);
}

module.exports = { listDir };
