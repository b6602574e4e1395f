// Loaded with `--import` before a core process's own modules, so the fs trace sees every write,
// including those of libraries that keep references to fs functions from load time.
import { installFsTrace } from './fs-trace';

const root = process.env.JUNCTION_FS_TRACE_ROOT;
const log = process.env.JUNCTION_FS_TRACE_LOG;
const slowFsyncMs = Number(process.env.JUNCTION_FS_SLOW_FSYNC_MS ?? 0);
if (root && log) installFsTrace(root, log, { slowFsyncMs });
