// Headless Debian Chromium, driven by playwright-core, uses the explorer page the way a
// person would: keyboard lookup, a neighbourhood drawing, a canned query, a dataset's
// leaderboard and a task's subtasks. Run by
// scripts/interop.sh as: node scripts/interop-browser.js http://127.0.0.1:PORT/ WORKDIR
// Prints one PASS/FAIL line per check and the screenshot's path; exits 1 on any failure.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const [base, work] = process.argv.slice(2);
let failures = 0;

function report(ok, what, detail = "") {
  if (!ok) failures += 1;
  console.log(`${ok ? "PASS" : "FAIL"}: ${what}${detail ? `: ${detail}` : ""}`);
}

async function check(what, body) {
  try {
    report(true, what, await body());
  } catch (error) {
    report(false, what, String(error).split("\n")[0]);
  }
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "paperkg-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    viewport: { width: 1200, height: 900 },
  });
  const version = context.browser() ? context.browser().version() : "chromium";
  // Nothing may leave the machine: anything not addressed to 127.0.0.1 is aborted and counted.
  const outside = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));

  await check(`Chromium ${version} loads the page`, async () => {
    await page.goto(base);
    await page.waitForFunction(() => document.querySelectorAll("#canned option").length > 1);
    return `${await page.title()}, ${await page.locator("#canned option").count() - 1} canned queries`;
  });

  await check("Chromium: lookup by keyboard shows the card", async () => {
    await page.locator("#lookup-name").focus();
    await page.keyboard.type("segment anything model");
    await page.keyboard.press("Enter");
    const heading = page.locator("#lookup-result .card h3").first();
    await heading.waitFor({ timeout: 15000 });
    const text = await heading.innerText();
    if (!text.startsWith("SAM")) throw new Error(`card heading is ${JSON.stringify(text)}`);
    const papers = await page.locator("#lookup-result .card ul li").count();
    if (papers === 0) throw new Error("the card lists no papers");
    return `card "${text.replace(/\s+/g, " ")}" with ${papers} papers`;
  });

  await check("Chromium: the neighbourhood graph is drawn", async () => {
    await page.getByRole("button", { name: "Draw its neighbourhood" }).first().click();
    await page.waitForFunction(() => /Neighbourhood of/.test(document.getElementById("graph-status").textContent));
    const drawn = await page.evaluate(() => {
      const image = document.querySelector("#graph-view img");
      if (image) return image.complete && image.naturalWidth > 0 ? "SVG from Graphviz" : "";
      return document.querySelectorAll("#graph-view svg circle").length ? "SVG from the page's layout" : "";
    });
    if (!drawn) throw new Error("no drawing");
    return drawn;
  });

  await check("Chromium: a canned query fills the results table", async () => {
    await page.locator("#canned").selectOption("top-models");
    const text = await page.locator("#sparql-text").inputValue();
    if (!text.includes("SELECT")) throw new Error("the editor did not get the query");
    await page.locator("#sparql-text").focus();
    await page.keyboard.press("Control+Enter");
    await page.locator("#sparql-results table tbody tr").first().waitFor({ timeout: 30000 });
    const rows = await page.locator("#sparql-results table tbody tr").count();
    const headers = await page.locator("#sparql-results th").allInnerTexts();
    const status = await page.locator("#sparql-status").innerText();
    if (!status.startsWith(`${rows} row`)) throw new Error(`status says ${JSON.stringify(status)}`);
    return `${rows} rows, columns ${headers.join(", ")}`;
  });

  await check("Chromium: the leaderboard view ranks results on ImageNet", async () => {
    await page.locator("#board-dataset").fill("imagenet");
    await page.locator("#board-dataset").press("Enter");
    const table = page.locator("#board-view table.board").first();
    await table.waitFor({ timeout: 15000 });
    const caption = await table.locator("caption").innerText();
    if (!/^ImageNet · .+ \((higher|lower) is better/.test(caption)) {
      throw new Error(`caption is ${JSON.stringify(caption)}`);
    }
    const ranks = await table.locator("tbody tr td:first-child").allInnerTexts();
    if (!ranks.length || ranks[0] !== "1") throw new Error(`ranks are ${JSON.stringify(ranks)}`);
    const boards = await page.locator("#board-view table.board").count();
    return `${boards} boards, first "${caption}" with ${ranks.length} entries`;
  });

  await check("Chromium: a task's card shows its subtasks", async () => {
    await page.locator("#lookup-name").fill("object detection");
    await page.locator("#lookup-name").press("Enter");
    const subtasks = page.locator("#lookup-result .card dt", { hasText: "Subtasks" }).first();
    await subtasks.waitFor({ timeout: 15000 });
    const list = await subtasks.evaluate((dt) => dt.nextElementSibling.textContent);
    if (!/object detection/.test(list)) throw new Error(`subtasks are ${JSON.stringify(list)}`);
    return `subtasks: ${list}`;
  });

  const shot = path.resolve(work, "explorer.png");
  await check("Chromium: screenshot saved", async () => {
    await page.screenshot({ path: shot, fullPage: true });
    return shot;
  });
  report(outside.length === 0, "Chromium: no request left 127.0.0.1", outside.slice(0, 3).join(" "));
  report(errors.length === 0, "Chromium: no script errors on the page", errors.slice(0, 3).join(" | "));
  console.log(`SCREENSHOT: ${shot}`);
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

main()
  .catch((error) => {
    report(false, "Chromium run", String(error).split("\n")[0]);
  })
  .finally(() => process.exit(failures ? 1 : 0));
