#!/usr/bin/env node
require("../../../scripts/run.js").runCompiled("apps/tenant-cli/src/main.js");
