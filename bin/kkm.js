#!/usr/bin/env node
// The `kkm` command: runs the compiled CLI that `npm install` (prepare) builds into dist/.
const path = require('node:path');
const fs = require('node:fs');

const main = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('kkm is not built yet: run `npm install` or `npm run build` first.\n');
  process.exit(1);
}
require(main);
