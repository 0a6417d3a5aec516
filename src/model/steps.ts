/** What Tasker makes of some steps at run time, read from the template. */
import type { StepDefinition, TaskTemplate } from './template.js';

/**
 * The `batch_worker` step a batchable step's analyzer creates instances of,
 * found as Tasker's own handlers find it: the analyzer's
 * `handler.initialization.worker_template_name`, else its own
 * `batch_config.worker_template`, else the `batch_worker` steps that depend on
 * it (their `batch_config.worker_template` when it names a `batch_worker`
 * step, else their own name). Empty when none is found.
 */
export function batchWorkerTemplates(template: TaskTemplate, batchable: StepDefinition): string[] {
  const workers = new Set(template.steps.filter((s) => s.type === 'batch_worker').map((s) => s.name));
  const named = (name: unknown): string[] => (typeof name === 'string' && workers.has(name) ? [name] : []);
  const initialization = batchable.handler.initialization;
  const fromInitialization = named(Object.hasOwn(initialization, 'worker_template_name') ? initialization.worker_template_name : undefined);
  if (fromInitialization.length > 0) return fromInitialization;
  const fromOwnConfig = named(batchable.batchConfig?.workerTemplate);
  if (fromOwnConfig.length > 0) return fromOwnConfig;
  const dependents = template.steps.filter((s) => s.type === 'batch_worker' && s.dependencies.some((d) => d.step === batchable.name));
  return [...new Set(dependents.map((s) => named(s.batchConfig?.workerTemplate)[0] ?? s.name))];
}

/** The steps a decision step may create: those that list it as a dependency. */
export function decisionRoutes(template: TaskTemplate, decision: StepDefinition): string[] {
  return template.steps.filter((s) => s.dependencies.some((d) => d.step === decision.name)).map((s) => s.name);
}
