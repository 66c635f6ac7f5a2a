module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js?(x)'],
  // @hubspot/ui-extensions, @remote-ui and tinyspy ship ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!(@hubspot|@remote-ui|tinyspy)/)'],
  modulePathIgnorePatterns: ['<rootDir>/src/app/cards/package.json'],
};
