/** D-image: a Dockerfile `FROM` image with no tag or the `latest` tag. */
import { parseDockerfile } from '../manifests/dockerfile';
import { LineIndex } from '../model';
import { createRule } from '../rule';

export const unpinnedBaseImage = createRule(
  {
    id: 'unpinned-base-image',
    family: 'dependencies',
    category: 'dependencies',
    subtypes: ['D-image'],
    description: 'Report Dockerfile base images without a fixed tag or digest',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['manifest'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    if (ctx.manifest?.manifestKind !== 'dockerfile') return;
    const text = ctx.manifest.text;
    const lines = new LineIndex(text);
    for (const img of parseDockerfile(text).images) {
      if (img.skip || img.tag === 'fixed') continue;
      const what = img.tag === 'latest' ? 'uses the moving `latest` tag' : 'has no tag, so it means `latest`';
      ctx.report({
        range: lines.rangeAt(img.start, img.end),
        message: `Base image '${img.image}' ${what}: each build can start from a different image; pin a version tag or a digest (@sha256:…).`,
      });
    }
  },
);
