import { defineProfile } from 'remgen';

const GB = 1073741824;

export default defineProfile({
  name: 'low-disk-space-healthy',
  description: 'A 256 GB SSD with 61 GB free.',
  drives: [{ name: 'C:', totalBytes: 238 * GB, freeBytes: 61 * GB }],
});
