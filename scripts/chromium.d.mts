/** Flags that keep a test browser quiet, deterministic and usable as root. */
export declare const CHROMIUM_ARGS: string[];

/**
 * Absolute path of a usable Chromium executable: Playwright's own if it has been
 * downloaded, else $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser
 * or /usr/bin/google-chrome (first that exists). Undefined if none does.
 */
export declare function findChromium(): string | undefined;

/**
 * findChromium(), installing Debian's `chromium` package with apt-get first when
 * running as root on Linux and nothing is found. Throws an Error telling the
 * user what to do when no Chromium can be provided.
 */
export declare function ensureChromium(): string;
