#!/usr/bin/env node
'use strict';
// Thin launcher for the bundled CLI (built by `npm run build` into dist/cli.js).
require('../dist/cli.js');
