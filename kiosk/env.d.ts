/** Replaced at build time by kiosk/vite.config.ts `define`. */
declare const __KIOSK_VERSION__: string;
declare const __KIOSK_BUILD__: string;
