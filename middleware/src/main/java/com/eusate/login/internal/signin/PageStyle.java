package com.eusate.login.internal.signin;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The look of the filter's pages: one inline style sheet (the CSP allows no other), the app's
 * accent colour, and its logo inlined as a {@code data:} URI. Responsive from 320 px up, written
 * with logical properties so that right-to-left pages mirror by themselves; Japanese breaks between
 * phrases, never inside a word. The accent colour is
 * refused unless white text on it reaches WCAG AA contrast, so no setting can make the pages fail
 * an accessibility audit. Immutable and thread-safe.
 */
final class PageStyle {

    static final String DEFAULT_ACCENT = "#1d4ed8";
    /** The largest logo inlined into every page. */
    static final int MAX_LOGO_BYTES = 64 * 1024;
    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "svg", "image/svg+xml",
            "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");
    private static final Pattern LOGO_URI = Pattern.compile(
            "data:image/(png|svg\\+xml|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}");

    private PageStyle() {
    }

    /** The style sheet, with {@code accent} (a checked {@code #rrggbb}) for the primary button, links and focus. */
    static String css(String accent) {
        return ":root{--accent:" + accent + "}"
                + "*{box-sizing:border-box}"
                + "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}"
                + "body{margin:0;background:#f3f4f6;color:#1f2937;overflow-wrap:anywhere;"
                + "font:1rem/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Noto Sans Arabic\","
                + "\"Noto Sans JP\",sans-serif}"
                + "main{max-width:32rem;margin:3rem auto;padding:0 1rem}"
                + ".card{background:#fff;border:1px solid #e5e7eb;border-top:4px solid var(--accent);"
                + "border-radius:12px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}"
                + ".card[data-tone=ok]{border-top-color:#15803d}.card[data-tone=wait]{border-top-color:#b45309}"
                + ".card[data-tone=off]{border-top-color:#6b7280}.card[data-tone=bad]{border-top-color:#b91c1c}"
                + ".app{display:flex;align-items:center;gap:.75rem;margin:0 0 1.25rem;font-weight:600;color:#374151}"
                + ".app img{display:block;height:2.5rem;width:auto;max-width:10rem}"
                + "h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem;color:#111827}"
                + "p,ul{margin:0 0 1rem}ul{padding-inline-start:1.25rem}li{margin:.25rem 0}.card>:last-child{margin-bottom:0}"
                + ".actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}"
                + ".btn{display:inline-block;min-height:2.75rem;padding:.625rem 1.5rem;border:2px solid var(--accent);"
                + "border-radius:8px;font:inherit;font-weight:600;line-height:1.4;text-align:center;"
                + "text-decoration:none;cursor:pointer}"
                + ".primary{background:var(--accent);color:#fff}"
                + ".secondary{background:#fff;color:#1f2937;border-color:#6b7280}"
                + "a{color:var(--accent)}"
                + ".btn:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:3px}"
                + ".btn.primary:focus-visible{outline-color:#111827}"
                + ".note{color:#4b5563;font-size:.875rem}"
                // Japanese breaks between phrases, not inside words (期限|切れ, サイン|イン): auto-phrase where
                // the browser has it; elsewhere no break inside a run of letters, and only an overlong one breaks
                + ":lang(ja){word-break:keep-all;line-break:strict}"
                + "@supports (word-break:auto-phrase){:lang(ja){word-break:auto-phrase}}"
                + "@media (max-width:30rem){main{margin:1rem auto}.card{padding:1.25rem}.actions .btn{flex:1 1 100%}}";
    }

    /**
     * Checks an accent colour: {@code #rrggbb}, dark enough that white text on it (the primary button)
     * and it on white (links) reach the 4.5:1 contrast WCAG 2.2 AA asks of text.
     */
    static String checkAccent(String colour) {
        if (!HEX_COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("accent-color must be a colour written #rrggbb, such as #1d4ed8,"
                    + " but was [" + colour + "]");
        }
        double ratio = contrastWithWhite(colour);
        if (ratio < 4.5) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "accent-color [%s] has a contrast of"
                    + " %.2f:1 with white, below the 4.5:1 that WCAG AA needs for the white text of the button on it:"
                    + " choose a darker colour", colour, ratio));
        }
        return colour.toLowerCase(Locale.ROOT);
    }

    /** The WCAG contrast ratio of {@code #rrggbb} against white. */
    static double contrastWithWhite(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double luminance = 0.2126 * linear(rgb >> 16 & 0xff) + 0.7152 * linear(rgb >> 8 & 0xff)
                + 0.0722 * linear(rgb & 0xff);
        return 1.05 / (luminance + 0.05);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** A logo as the {@code data:} URI the pages inline; {@code name} is the file name or media type it came as. */
    static String logoUri(byte[] image, String nameOrType) {
        String lower = nameOrType == null ? "" : nameOrType.toLowerCase(Locale.ROOT);
        String type = lower.startsWith("image/") ? lower
                : IMAGE_TYPES.get(lower.substring(lower.lastIndexOf('.') + 1));
        if (type == null || !IMAGE_TYPES.containsValue(type)) {
            throw new IllegalArgumentException("logo must be a PNG, SVG, JPEG, GIF or WebP image (by its file"
                    + " extension or media type), but was [" + nameOrType + "]");
        }
        if (image == null || image.length == 0 || image.length > MAX_LOGO_BYTES) {
            throw new IllegalArgumentException("logo must be 1 byte to " + MAX_LOGO_BYTES / 1024 + " KiB (it is"
                    + " inlined into every page), but was " + (image == null ? 0 : image.length) + " bytes");
        }
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(image);
    }

    /** A logo value is one of ours: an image {@code data:} URI of at most the size allowed. */
    static void checkLogo(String uri) {
        if (!LOGO_URI.matcher(uri).matches() || uri.length() > MAX_LOGO_BYTES * 4 / 3 + 64) {
            throw new IllegalArgumentException("logo must be a PNG, SVG, JPEG, GIF or WebP image of at most "
                    + MAX_LOGO_BYTES / 1024 + " KiB");
        }
    }
}
