import type { Command } from 'commander';
import { documentSendCommand } from './sell';

export function refundCommand(): Command {
  return documentSendCommand('refund', 'refund');
}
