import fs from 'node:fs';
import os from 'node:os';

/** Where the numbers were measured: they mean little without it. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started and ended. */
  loadAtStart: number[];
  loadAtEnd?: number[];
}

function cpuModel(): string {
  try {
    const text = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const match = /^model name\s*:\s*(.+)$/m.exec(text);
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: os.cpus() has the model too.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function describeMachine(machine: MachineInfo, database: string): string {
  const load = (values: number[] | undefined) => (values ?? []).map((v) => v.toFixed(2)).join(' ');
  return [
    `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ` +
      `Node ${machine.node}, ${machine.platform}`,
    `Database: ${database}`,
    `Load average (1/5/15 min): ${load(machine.loadAtStart)} at start, ` +
      `${load(machine.loadAtEnd)} at end`,
  ].join('\n');
}
