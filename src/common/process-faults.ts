import { Logger } from 'pino';
import { Counter } from 'prom-client';

/**
 * What slipped past every handler in this process, by kind (`unhandled_rejection`,
 * `uncaught_exception`); `/metrics` shows it, and anything above zero is a bug to fix.
 */
export const processFaults = new Counter({
  name: 'process_faults_total',
  help: 'Promise rejections and exceptions no handler caught, by kind',
  labelNames: ['kind'],
  registers: [],
});

/**
 * The last line of defence, installed once by each entry point. A promise rejection nobody
 * handled is logged with its stack and counted, and the process carries on: one failed request
 * or socket must not end everyone's (Node's default is to exit). An uncaught exception is logged
 * and counted too, but ends the process: the exception may have left any state half-changed, so
 * the supervisor starts a clean one.
 */
export function watchProcessFaults(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    processFaults.inc({ kind: 'unhandled_rejection' });
    logger.error(
      { err: reason },
      '未处理的 Promise 拒绝（进程继续运行）/ unhandled promise rejection (the process carries on)',
    );
  });
  process.on('uncaughtException', (error, origin) => {
    processFaults.inc({ kind: 'uncaught_exception' });
    logger.fatal({ err: error, origin }, '未捕获的异常，进程退出 / uncaught exception: exiting');
    logger.flush(() => process.exit(1));
  });
}
