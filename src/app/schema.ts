/** The JSON Schema of the task template format, for editors (`tasker-ctl schema`). */
export { taskTemplateSchema } from '../check/template-schema.js';
