// Entry point of the sandbox page: mounts the sandbox, and predict mode on the panel before it.
import { mountSandbox } from './sandbox.js';
import { mountSandboxPredict } from './sandbox-predict.js';

document.querySelectorAll('.sandbox').forEach(mountSandbox);
document.querySelectorAll('.predict').forEach(mountSandboxPredict);
