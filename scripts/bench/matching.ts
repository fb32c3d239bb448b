// npm run bench:matching [-- --results 5000 --needs 5000 --experts 1000 --queries 300]
//
// Generates a catalog of Chinese results, needs and experts (phrases drawn from each industry
// field's vocabulary), times indexing all of it (jieba segmentation and the tsvector writes, as
// `npm run catalog:reindex` does), then the latency of the top-10 results for a need through the
// API (`GET /api/needs/:id/matches`), one request at a time, after a warm-up. Target: p95 < 50 ms.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { IndexedTable, reindexAll } from 'src/catalog/catalog-index';
import { dataSourceOptions } from 'src/database/data-source';
import {
  freePort,
  freshDatabase,
  freshRedisPrefix,
  log,
  option,
  percentile,
  sendQuickly,
  signedInAccount,
  startEntry,
  PRODUCTION_ENV,
} from 'scripts/bench/bench-support';

const RESULTS = option('results', 5000);
const NEEDS = option('needs', 5000);
const EXPERTS = option('experts', 1000);
const QUERIES = option('queries', 300);

/** Each field's words: subjects, methods and applications that phrases are made of. */
const VOCABULARY: Record<string, string[][]> = {
  电子信息: [
    ['气体传感器', '压力传感器', '图像传感器', '射频芯片', '功率器件', '光纤传感', '毫米波雷达'],
    ['低功耗设计', '边缘计算', '深度学习', '无线组网', '微机电工艺', '信号处理', '故障自诊断'],
    ['燃气泄漏报警', '智能家居', '工业物联网', '车载电子', '安防监控', '智慧电网', '可穿戴设备'],
  ],
  先进制造: [
    ['高速轴承', '数控机床', '工业机器人', '精密减速器', '齿轮箱', '激光焊接', '增材制造'],
    ['寿命预测', '振动分析', '视觉定位', '热误差补偿', '在线检测', '数字孪生', '柔性装配'],
    ['风电装备', '汽车零部件', '航空发动机', '轨道交通', '工程机械', '模具加工', '船舶制造'],
  ],
  新能源: [
    ['锂离子电池', '硅碳负极', '固态电解质', '光伏组件', '燃料电池', '储能系统', '氢气储运'],
    ['循环寿命提升', '热失控预警', '梯次利用', '电池管理', '膜电极制备', '钙钛矿叠层', '快充技术'],
    ['电动汽车', '电网调峰', '分布式光伏', '通信基站', '工商业储能', '氢能重卡', '家庭储能'],
  ],
  节能环保: [
    ['水质监测', '污水处理', '大气监测', '土壤修复', '固废资源化', '烟气脱硝', '膜分离'],
    ['在线分析', '生物降解', '高级氧化', '重金属钝化', '催化还原', '智能加药', '污泥干化'],
    ['工业园区', '市政管网', '化工企业', '垃圾填埋场', '燃煤电厂', '河湖治理', '农村污水'],
  ],
  生物医药: [
    ['单克隆抗体', '中药提取', '医学影像', '基因检测', '疫苗佐剂', '药物缓释', '细胞治疗'],
    [
      '人工智能辅助诊断',
      '高效液相纯化',
      '冻干工艺',
      '靶向递送',
      '高通量筛选',
      '质量控制',
      '发酵优化',
    ],
    ['肿瘤早筛', '慢病管理', '基层医院', '动物疫苗', '中药饮片', '体外诊断', '康复器械'],
  ],
  现代农业: [
    ['植保无人机', '智慧灌溉', '土壤墒情', '种子包衣', '生物农药', '冷链保鲜', '畜禽养殖'],
    ['精准施药', '水肥一体化', '病虫害识别', '遥感监测', '品种选育', '发酵饲料', '溯源管理'],
    ['水稻种植', '柑橘果园', '茶叶加工', '设施大棚', '生猪养殖', '粮食仓储', '农产品电商'],
  ],
};
const FIELDS = Object.keys(VOCABULARY);

let seed = 42;
/** A repeatable pseudo-random number in [0, 1): every run generates the same catalog. */
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

function phrase(field: string) {
  const [subjects, methods, uses] = VOCABULARY[field];
  const subject = pick(subjects);
  const method = pick(methods);
  const use = pick(uses);
  return {
    title: `面向${use}的${subject}${method}技术`,
    text:
      `本项目针对${use}中${subject}的${method}难题，提出了新的解决方案。` +
      `在${pick(subjects)}与${pick(methods)}方面形成了自主知识产权，` +
      `可推广应用于${pick(uses)}和${pick(uses)}等场景。`,
    keywords: [subject, method, use],
  };
}

async function generate(pool: Pool, ownerId: string): Promise<void> {
  const rows = (n: number) => Array.from({ length: n }, () => pick(FIELDS));
  const insert = async (sql: string, columns: unknown[][]) => pool.query(sql, columns);
  for (let done = 0; done < RESULTS; done += 1000) {
    const fields = rows(Math.min(1000, RESULTS - done));
    const p = fields.map(phrase);
    await insert(
      `INSERT INTO research_result (id, owner_id, institution_name, title, summary, description, fields,
                                   keywords, readiness_level, region, published, published_at)
       SELECT id, $1, '某某大学', title, left(text, 100), text, ARRAY[field], string_to_array(keywords, ','),
              trl, '四川省成都市', true, now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
           AS t(id, title, text, field, keywords, trl)`,
      [
        ownerId,
        p.map(() => randomUUID()),
        p.map((x) => x.title),
        p.map((x) => x.text),
        fields,
        p.map((x) => x.keywords.join(',')),
        p.map(() => 1 + Math.floor(random() * 9)),
      ] as unknown as unknown[][],
    );
  }
  for (let done = 0; done < NEEDS; done += 1000) {
    const fields = rows(Math.min(1000, NEEDS - done));
    const p = fields.map(phrase);
    await insert(
      `INSERT INTO technical_need (id, owner_id, enterprise_name, title, description, fields, keywords,
                                  region, published, published_at)
       SELECT id, $1, '某某企业', title, text, ARRAY[field], string_to_array(keywords, ','),
              '四川省绵阳市', true, now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS t(id, title, text, field, keywords)`,
      [
        ownerId,
        p.map(() => randomUUID()),
        p.map((x) => `需要解决${x.title.replace('技术', '问题')}`),
        p.map((x) => x.text),
        fields,
        p.map((x) => x.keywords.join(',')),
      ] as unknown as unknown[][],
    );
  }
  const users = Array.from({ length: EXPERTS }, () => randomUUID());
  await pool.query(
    `INSERT INTO user_account (id, name, email, password_hash, roles, locale)
     SELECT id, '专家', 'expert-' || id || '@bench.local', 'x', '{expert}', 'zh-CN'
       FROM unnest($1::uuid[]) AS t(id)`,
    [users],
  );
  const fields = rows(EXPERTS);
  const p = fields.map(phrase);
  await pool.query(
    `INSERT INTO expert_profile (user_id, name, institution_name, title, fields, keywords, biography)
     SELECT user_id, '专家', '某某大学', '教授', ARRAY[field], string_to_array(keywords, ','), text
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(user_id, field, keywords, text)`,
    [users, fields, p.map((x) => x.keywords.join(',')), p.map((x) => x.text)],
  );
}

async function main(): Promise<void> {
  log(`matching: ${RESULTS} results, ${NEEDS} needs, ${EXPERTS} experts, ${QUERIES} queries`);
  log('准备数据库 / preparing a fresh database …');
  const database = await freshDatabase('matching');
  const databaseUrl = database.url;
  const redis = freshRedisPrefix('matching');
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  const port = await freePort();
  log('启动 API / starting the API …');
  const api = await startEntry('main', {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_PREFIX: redis.prefix,
    LOG_LEVEL: 'info',
    ...PRODUCTION_ENV,
    LINK_TOKEN_SECRET: 'bench-links-bench-links-bench-links-bench!',
    SMTP_URL: 'log:',
  });
  const dataSource = await new DataSource(dataSourceOptions({ databaseUrl })).initialize();
  try {
    const base = `http://127.0.0.1:${port}`;
    const organizer = await signedInAccount(base, pool, 'organizer');
    log('生成数据 / generating the catalog …');
    await generate(pool, organizer.userId);

    log('建立索引 / indexing (segmenting and writing the words) …');
    const started = Date.now();
    let rows = 0;
    for (const table of ['research_result', 'technical_need', 'expert_profile'] as IndexedTable[]) {
      rows += await reindexAll(dataSource, table, (done) =>
        process.stdout.write(`\r  ${table}: ${done} `),
      );
      process.stdout.write('\n');
    }
    const indexSeconds = (Date.now() - started) / 1000;
    await pool.query('ANALYZE');

    const { rows: needs } = await pool.query<{ id: string }>(
      'SELECT id FROM technical_need ORDER BY random() LIMIT $1',
      [QUERIES],
    );
    const query = async (id: string) => {
      const t0 = process.hrtime.bigint();
      const response = await sendQuickly('GET', `${base}/api/needs/${id}/matches?limit=10`, {
        token: organizer.token,
      });
      if (response.status !== 200) throw new Error(`${response.status} ${response.body}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    log('预热 / warming up …');
    for (const { id } of needs.slice(0, 30)) await query(id);
    log('查询 / top-10 results for a need, one at a time …');
    const latencies: number[] = [];
    for (const { id } of needs) latencies.push(await query(id));
    latencies.sort((a, b) => a - b);

    log('');
    log(
      `indexed:     ${rows} rows in ${indexSeconds.toFixed(1)} s (${(rows / indexSeconds).toFixed(0)} rows/s)`,
    );
    log(
      `top-10 query for a need: p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  (target p95 < 50 ms)`,
    );
  } finally {
    await dataSource.destroy();
    await api.kill('SIGTERM');
    await pool.end();
    await database.drop();
    await redis.flush();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
