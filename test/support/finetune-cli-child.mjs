// The CLI as a child process for kill tests: bin/tunegate.js's program (from dist, so run
// `npm run build` first), with finetune, compare and sweep added while main lacks them.

import { processIo } from '../../dist/cli/cli-io.js';
import { registerCompareCommand } from '../../dist/cli/commands/compare-command.js';
import { registerFinetuneCommand } from '../../dist/cli/commands/finetune-command.js';
import { registerSweepCommand } from '../../dist/cli/commands/sweep-command.js';
import { exitCodeFor } from '../../dist/cli/exit-codes.js';
import { createProgram } from '../../dist/cli/main.js';
import { TunegateError } from '../../dist/spec/tunegate-error.js';

const io = processIo();
const result = { code: 0 };
const program = createProgram(io, result);
const extra = {
  finetune: registerFinetuneCommand,
  compare: registerCompareCommand,
  sweep: registerSweepCommand,
};
for (const [name, register] of Object.entries(extra)) {
  if (!program.commands.some((command) => command.name() === name))
    register(program, { io, result });
}
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
  process.exitCode = result.code;
} catch (error) {
  process.stderr.write(`tunegate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof TunegateError ? exitCodeFor(error.code) : 1;
}
