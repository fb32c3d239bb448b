#!/usr/bin/env node
// Usage: node scripts/ensure-database.js <postgres-url>
// Logs in to the server of <postgres-url> and creates its database when missing. Exits 1 with one
// line of explanation when the server refuses the login.
'use strict';
const { Client } = require('pg');

async function main() {
  const url = new URL(process.argv[2]);
  const database = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      console.error(`  已创建数据库 / created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(`  无法登录 PostgreSQL / cannot log in to PostgreSQL: ${error.message}`);
  process.exit(1);
});
