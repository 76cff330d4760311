// Entry point of pages that embed simulators (a lesson, the simulator page): mounts every one of them.
import { mountSimulator } from './simulator.js';

document.querySelectorAll('.simulator').forEach(mountSimulator);
