import { frameworkById } from '../frameworks/index.js';
import type { DerivedNames } from '../plan/names.js';
import type { Spec } from '../spec/schema.js';
import { pin, pip } from '../versions.js';
import type { Extra } from './types.js';

/** The deployment's scoring script when encryption is on (it delegates plaintext requests to score.py). */
export const ENCRYPTED_SCORING_SCRIPT = 'score_encrypted.py';

function unsupported(spec: Spec): string | undefined {
  if (!frameworkById(spec.framework).linearModel) {
    return 'encrypted inference evaluates a linear model on ciphertext, and only the scikit-learn project (scaler + logistic regression) is linear; use --framework sklearn';
  }
  if (spec.serving !== 'script') {
    return `the encrypted path lives in a custom scoring script, which --serving ${spec.serving} (no-code) cannot run; use --serving script`;
  }
  if (spec.target !== 'online' && spec.target !== 'kubernetes') {
    return 'encrypted inference answers online requests; use --target online or kubernetes';
  }
  return undefined;
}

function readme(_spec: Spec, names: DerivedNames): string {
  const ep = names.endpoint;
  return [
    '## Encrypted inference (demonstration, not production cryptography)',
    '',
    `The deployment runs \`src/${ENCRYPTED_SCORING_SCRIPT}\`: plaintext requests (\`{"data": ...}\`) are answered by`,
    '`score.py` exactly as before; a request carrying CKKS ciphertexts (homomorphic encryption, TenSEAL) is',
    "answered by evaluating the logistic regression's linear layer on the ciphertexts, so the endpoint never",
    'sees the features, the scores or the predicted class. The client owns the keys:',
    '',
    '```bash',
    'python src/encrypted_client.py --local-model-dir outputs/model          # round trip in-process, no Azure',
    `export ENDPOINT_KEY=$(az ml online-endpoint get-credentials -n ${ep} --query primaryKey -o tsv -g "$RG" -w "$WS")`,
    `python src/encrypted_client.py --scoring-uri "$(az ml online-endpoint show -n ${ep} --query scoring_uri -o tsv -g "$RG" -w "$WS")"`,
    '```',
    '',
    'It fetches the public scaling parameters (`{"public_parameters": true}`), scales and encrypts each feature,',
    'sends the ciphertexts with the public part of its CKKS context, decrypts the returned logits and takes the',
    'argmax. `tests/test_encryption.py` checks the request contract here and, with TenSEAL installed, that',
    'decrypted logits match the plaintext ones within 1e-3 and give the same classes.',
    '',
    'Constraints:',
    '',
    '- **Demo-grade.** `tenseal` (pinned to ' + pip.tenseal + ') bundles Microsoft SEAL 4.1.1, older than the SEAL 4.4',
    '  security release. The old `encrypted-inference` package and its Azure how-to are retired.',
    '- **Linear models only.** CKKS allows few multiplications; the server computes `x @ W + b` with one',
    '  ciphertext-times-plaintext product per feature (no rotation or relinearisation keys needed). The',
    '  features are scaled first (the public StandardScaler parameters) to keep values small for CKKS precision.',
    '- **Approximate.** CKKS results carry small errors; compare classes, not exact scores.',
    '- **Sizes.** Each request carries the public context and one ciphertext per feature, each a few hundred KB,',
    '  so a request is a few MB (limit: 16 MB, 8 rows). In production, upload the public context once (e.g. to',
    '  blob storage) and send only ciphertexts that refer to it.',
    '- **Endpoint limits.** Managed online endpoints time out requests after at most 180 s and default to 5 MBps',
    '  of bandwidth; `request_timeout_ms` in `deploy/deployment.yml` is the first knob if large requests time out.',
    '- **Where:** script serving on managed or Kubernetes online endpoints only (not MLflow no-code, not Triton).',
  ].join('\n');
}

export const encryption: Extra = {
  id: 'encryption',
  title: 'Encrypted inference',
  summary: 'score homomorphically encrypted features (CKKS, TenSEAL)',
  unsupported,
  pip: () => [pin('tenseal')],
  files: [{ path: 'src/score_encrypted.py' }, { path: 'src/encrypted_client.py' }, { path: 'tests/test_encryption.py' }],
  readme,
};
