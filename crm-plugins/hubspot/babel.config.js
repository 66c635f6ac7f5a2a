// babel.config.js (not .babelrc) so it also transforms the ESM-only packages Jest loads from node_modules.
module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-react', { runtime: 'automatic' }],
  ],
};
