// Validates a Teams app manifest against the official JSON schema that npm @microsoft/app-manifest bundles
// (the schema named by the manifest's $schema; bundled versions need no network).
// Usage: node validate-manifest.cjs <manifest.json>. Prints {"schemaVersion", "errors": [...]}; exit code 0 only when valid.
const { readFileSync } = require("node:fs");
const { AppManifestUtils } = require("@microsoft/app-manifest");

(async () => {
  const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  console.log(JSON.stringify({ schemaVersion: manifest.manifestVersion, errors }));
  process.exit(errors.length === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
