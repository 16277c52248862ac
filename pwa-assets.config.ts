import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Every icon (favicon, 192/512 px, maskable, apple-touch-icon) is generated at build time
// from the one source image, public/favicon.svg. Padded icons get the brand green behind
// them so the maskable and Apple icons have no white frame.
const brand = '#2f6f4f';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: brand } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: brand } },
  },
  images: ['public/favicon.svg'],
});
