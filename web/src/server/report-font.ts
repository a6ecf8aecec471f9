import "server-only";
import { existsSync } from "node:fs";

/**
 * The font the portal's PDFs (trace report, recall evidence pack) are set in: it must carry Chinese
 * (the zh locale, Chinese names). Noto Sans CJK from Debian's fonts-noto-cjk by default;
 * `MEDLOOP_REPORT_FONT=<path>[#<PostScript name>]` names another (a .ttc needs the face's name).
 * pdfkit embeds only the glyphs used (~60 KB).
 */
export function reportFont(): { path: string; face?: string } {
  const [path, face] = (
    process.env.MEDLOOP_REPORT_FONT ?? "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular"
  ).split("#");
  if (!path || !existsSync(path)) {
    throw new Error(
      `The reports' font ${path} is missing: install Debian's fonts-noto-cjk, or set MEDLOOP_REPORT_FONT`,
    );
  }
  return { path, face };
}
