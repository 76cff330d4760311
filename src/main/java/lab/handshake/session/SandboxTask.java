package lab.handshake.session;

import java.util.Map;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.run.SandboxGoal;

/**
 * A sandbox task, one file under {@code <content-dir>/sandbox-tasks/} named after its id: what the student reads
 * (title and instructions in every language), the catalogue scenario the sandbox starts from and in which mode,
 * and the goal the engine checks after every move. {@code rationale} is for teachers and authors: the RFC rule
 * the task makes the student meet.
 */
public record SandboxTask(String id, Map<String, String> title, Map<String, String> instructions, String scenario,
                          Sandbox.Mode mode, SandboxGoal goal, String rationale) {
}
