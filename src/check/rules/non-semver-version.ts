import { defineRule } from '../rule.js';

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const nonSemverVersion = defineRule({
  code: 'non-semver-version',
  severity: 'warning',
  category: 'metadata',
  summary: '`version` is not of the form x.y.z.',
  check({ template, report }) {
    if (template.version === '' || SEMVER.test(template.version)) return;
    report('/version', {
      message: `version \`${template.version}\` is not of the form x.y.z`,
      hint: 'Tasker accepts it, but version lookups and ordering expect semantic versions such as `1.0.0`.',
    });
  },
});
