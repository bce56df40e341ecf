/**
 * The demo credential and the demo dataset's known user, in a module of their own: the demo
 * seed and the generator's defaults use them, and `@mybot/test-kit` re-exports this file to
 * every test suite, so that a test and the sandbox can never disagree on the demo's values.
 *
 * @module
 */

/** The demo credential, public on purpose: it only opens the local sandbox. */
export const DEMO_CREDENTIAL = {
  customerId: "10294",
  botKey: "1a1c9bfa5e0f41ed",
  apiKey: "5f0c2d1e-8a4b-4c6d-9e7f-0a1b2c3d4e5f-DEMO123",
} as const;

/** Asha's channel user id: the one user the demo dataset (and the vendor's seed example) names. */
export const ASHA_ID = "919812345678";
