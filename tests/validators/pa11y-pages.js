#!/usr/bin/env node
// pa11y over many pages in one Chromium: node pa11y-pages.js '<json>' prints {url: [issue, ...]} as JSON.
// The JSON argument: {urls, runners, standard, ignore, executablePath, wait}. tests/test_validators_a11y.py runs it.
'use strict';

const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
  const job = JSON.parse(process.argv[2]);
  const chromeLaunchConfig = {
    executablePath: job.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  };
  const browser = await puppeteer.launch(chromeLaunchConfig);
  const found = {};
  try {
    for (const url of job.urls) {
      const result = await pa11y(url, {
        browser, chromeLaunchConfig, runners: job.runners, standard: job.standard, ignore: job.ignore,
        wait: job.wait || 0, timeout: 60000, includeWarnings: true, includeNotices: true,
      });
      found[url] = result.issues.map((i) => ({
        runner: i.runner, code: i.code, type: i.type, message: i.message, selector: i.selector, context: i.context,
        needsReview: Boolean(i.runnerExtras && i.runnerExtras.needsFurtherReview),
      }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack || err}\n`);
  process.exit(1);
});
