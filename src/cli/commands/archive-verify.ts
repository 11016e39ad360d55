import { readFile } from 'node:fs/promises';
import { verifyPackage } from '../../modules/records/archive/archive-package.js';
import { parseArgs, progressBar, type CliCommand } from '../command.js';

const PROBLEM: Record<string, string> = { missing: '缺失', modified: '内容被修改（SHA-256 不符）', unexpected: '清单外的文件', size: '大小不符', manifest_hash: '清单本身的 SHA-256 与导出记录不符' };

export const command: CliCommand = {
  name: 'archive verify',
  usage: 'archive verify <package.zip> [--expect <manifest.json 的 SHA-256>]',
  description: '按 manifest.json 的 SHA-256 校验归档包，逐项报告不符；--expect 再核对清单本身的哈希（导出时记入审计日志）。被篡改时退出码 1',
  needsDb: false,
  async run(args) {
    const { positional, options } = parseArgs(args);
    const file = positional[0];
    if (!file) {
      console.error('用法：archive verify <package.zip> [--expect <sha256>]');
      return 2;
    }
    const expect = options.expect;
    if (expect !== undefined && (typeof expect !== 'string' || !/^[0-9a-fA-F]{64}$/.test(expect))) {
      console.error('--expect 须为 64 位十六进制的 SHA-256');
      return 2;
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (e) {
      console.error(`无法读取 ${file}：${(e as Error).message}`);
      return 2;
    }
    let bar: ReturnType<typeof progressBar> | null = null;
    const report = await verifyPackage(
      data,
      (done, total) => {
        bar ??= progressBar('校验归档包', total);
        bar.tick(done);
      },
      expect,
    );
    (bar as ReturnType<typeof progressBar> | null)?.done();
    if (report.ok) {
      console.log(`归档包完整：${report.batchNumber ?? ''} 共 ${report.checked} 个文件，SHA-256 全部相符${expect ? '，清单哈希与导出记录相符' : ''}。清单 SHA-256：${report.manifestSha256}`);
      return 0;
    }
    console.error(`归档包校验失败：${report.batchNumber ?? file}，${report.problems.length} 处不符：`);
    for (const p of report.problems) console.error(`  ${p.path}: ${PROBLEM[p.problem] ?? p.problem}${p.expected ? `（清单 ${p.expected}${p.actual ? `，实际 ${p.actual}` : ''}）` : p.actual ? `（${p.actual}）` : ''}`);
    return 1;
  },
};
