import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { precompressedEncodings, precompressedTypes } from "../shared/precompressed.ts";

/**
 * Writes a .br (brotli, best quality) and a .gz (gzip -9) beside every hashed asset worth
 * compressing, once at build time: the server then sends the smallest form a browser accepts
 * without compressing on each request (sync-server/http/static-apps.ts). Brotli at quality 11
 * is too slow to do per request, and it is what brings the kiosk's first load under 100 KB.
 */
const minBytes = 1024;

export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "borgerpuls-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!precompressedTypes.test(fileName)) continue;
        const file = path.join(outDir, fileName);
        const content = fs.readFileSync(file);
        if (content.length < minBytes) continue;
        for (const { encoding, suffix } of precompressedEncodings) {
          const compressed =
            encoding === "br"
              ? brotliCompressSync(content, {
                  params: {
                    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                    [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
                  },
                })
              : gzipSync(content, { level: 9 });
          fs.writeFileSync(`${file}${suffix}`, compressed);
        }
      }
    },
  };
}
