/** `npm start`: open (and on first start, create and seed) the database, then serve the API and the web app. */
import { buildApp } from './server/app.js';
import { startJobs } from './jobs/scheduler.js';
import { startEmailIntake } from './modules/intake/email-intake.js';
import { configFromEnv, openContext } from './server/bootstrap.js';
import { isEmpty, seedDemo, seedProduction, DEMO_PASSWORD } from './db/seed.js';

const config = configFromEnv();
const ctx = await openContext(config);
if (await isEmpty(ctx)) {
  if (config.seedDemo) {
    await seedDemo(ctx);
    console.log(`已创建演示数据：用户 hq_admin、hq_manager、b1_clerk 等，密码 ${DEMO_PASSWORD}`);
  } else {
    const admin = await seedProduction(ctx);
    console.log(`已创建管理员 ${admin.username}，初始密码（仅显示一次）：${admin.password}`);
  }
}
const app = await buildApp(ctx, { logger: process.env.LOG !== '0', web: true });
const jobs = startJobs(ctx);
const intake = process.env.INTAKE_SMTP_PORT ? await startEmailIntake(ctx, Number(process.env.INTAKE_SMTP_PORT), process.env.INTAKE_SMTP_HOST ?? '127.0.0.1') : null;
if (intake) console.log(`邮件受理 SMTP 端口: ${intake.port}`);
await app.listen({ port: config.port, host: config.host });
console.log(`客户投诉处理系统已启动: http://localhost:${config.port}  (${ctx.db.dialect})`);

const shutdown = async () => {
  await jobs.stop();
  await intake?.close();
  await app.close();
  await ctx.db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
