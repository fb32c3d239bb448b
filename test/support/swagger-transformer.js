// The @nestjs/swagger compiler plugin for ts-jest, as `nest build` applies it: DTO classes get their
// OpenAPI metadata from their types, validators and comments.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (compiler) => plugin.before({ introspectComments: true }, compiler.program),
};
