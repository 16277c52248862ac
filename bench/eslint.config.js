// ESLint 10 reads the config nearest each file, so this one governs bench/: the project's own
// rules, plus the bench's build outputs left alone (they are minified bundles, and gitignored).
import project from '../eslint.config.js';

export default [{ ignores: ['.build/'] }, ...project];
