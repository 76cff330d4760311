// Entry point of pages that embed simulators (a lesson, the simulator page): mounts every one of them, and
// predict mode beside each.
import { mountSimulator } from './simulator.js';
import { mountPredict } from './predict.js';

document.querySelectorAll('.simulator').forEach(mountSimulator);
document.querySelectorAll('.predict').forEach(mountPredict);
