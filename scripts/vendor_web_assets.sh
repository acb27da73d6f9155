#!/usr/bin/env bash
# Refresh the dashboard's vendored JS/CSS from the npm registry (`npm pack`, no install, no CDN).
# The files are committed under src/brinkwatch/web/static/vendor/, each folder with its licence,
# so the package serves them offline. Versions: change them here, run this, review the diff.
set -euo pipefail
UPLOT=1.6.32          # MIT, (c) Leon Sorokin
SWAGGER=5.35.0        # Apache-2.0, (c) SmartBear Software
cd "$(dirname "$0")/.."
dest=src/brinkwatch/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$UPLOT" "swagger-ui-dist@$SWAGGER" >/dev/null)
mkdir -p "$work/u" "$work/s" "$dest/uplot" "$dest/swagger-ui"
tar xzf "$work/uplot-$UPLOT.tgz" -C "$work/u"
tar xzf "$work/swagger-ui-dist-$SWAGGER.tgz" -C "$work/s"
cp "$work/u/package/dist/uPlot.iife.min.js" "$work/u/package/dist/uPlot.min.css" \
  "$work/u/package/LICENSE" "$dest/uplot/"
for f in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt; do
  cp "$work/s/package/$f" "$dest/swagger-ui/"
done
# the source maps are not shipped: drop the references so browsers do not ask for them
sed -i '/sourceMappingURL=/d' "$dest/swagger-ui/swagger-ui-bundle.js" "$dest/swagger-ui/swagger-ui.css"
echo "uPlot $UPLOT and swagger-ui-dist $SWAGGER vendored into $dest"
