// Entry point of the sandbox page: mounts the sandbox.
import { mountSandbox } from './sandbox.js';

document.querySelectorAll('.sandbox').forEach(mountSandbox);
