import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright cannot download a browser on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAKE_GITHUB_PORT = 7099;
const FAKE_GITLAB_PORT = 7098;

// A static token for the suite's own backend, read-only on the InnerSource API:
// the ground truth of what the backend stores, beside what the guest is shown
// (restrictedProject.test.ts). Set once here; the test workers inherit it.
process.env.E2E_SERVICE_TOKEN ??= randomBytes(24).toString('base64url');

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'test-results',
  globalSetup: './packages/app/e2e-tests/globalSetup.ts',

  // The same dev servers as the README's start command; reused when already up.
  // The backend collects GitHub and GitLab projects from a fake GitHub and a
  // fake self-managed GitLab (no network here)
  // and indexes search every 20 s, so the suite sees tasks and search results.
  webServer: [
    {
      command: `bash scripts/run.sh ts plugins/innersource-backend-module-github/dev/fakeGithubServer.ts ${FAKE_GITHUB_PORT}`,
      url: `http://127.0.0.1:${FAKE_GITHUB_PORT}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
    {
      command: `bash scripts/run.sh ts plugins/innersource-backend-module-gitlab/dev/fakeGitlabServer.ts ${FAKE_GITLAB_PORT}`,
      url: `http://127.0.0.1:${FAKE_GITLAB_PORT}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
    {
      command: 'bash scripts/run.sh start backend',
      url: 'http://localhost:7007/api/innersource/health',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'pipe',
      env: {
        APP_CONFIG_integrations_github: JSON.stringify([
          {
            host: 'github.com',
            apiBaseUrl: `http://127.0.0.1:${FAKE_GITHUB_PORT}/api/v3`,
            token: 'e2e-fake-token',
          },
        ]),
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          {
            type: 'static',
            options: {
              token: process.env.E2E_SERVICE_TOKEN,
              subject: 'e2e-suite',
            },
            accessRestrictions: [
              {
                plugin: 'innersource',
                permissionAttribute: { action: 'read' },
              },
              { plugin: 'catalog' },
              { plugin: 'search' },
              // a task someone else started, for restrictedProject.test.ts;
              // its steps may not run (scaffolder.action.execute is not here)
              {
                plugin: 'scaffolder',
                permission: [
                  'scaffolder.task.create',
                  'scaffolder.task.read',
                  'scaffolder.template.parameter.read',
                  'scaffolder.template.step.read',
                ],
              },
            ],
          },
        ]),
        // a self-managed GitLab, its API on the fake (examples/gitlab.yaml)
        APP_CONFIG_integrations_gitlab: JSON.stringify([
          {
            host: 'gitlab.acme.example',
            apiBaseUrl: `http://127.0.0.1:${FAKE_GITLAB_PORT}/api/v4`,
            token: 'e2e-fake-gitlab-token',
          },
        ]),
        APP_CONFIG_search_collators_innersource_schedule: JSON.stringify({
          frequency: { seconds: 20 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 20 },
        }),
      },
    },
    {
      command: 'bash scripts/run.sh start app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
  ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  projects: [
    {
      name: 'app',
      testDir: 'packages/app/e2e-tests',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
