import { join } from 'node:path';
import type Ecs from '@alicloud/ecs20140526';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../support/platform-harness';
import { $Ecs, ecsClient, errorCodeOf } from '../support/sdk-clients';
import { ARTIFACTS, buildConsole, launchBrowser } from './support/browser';

const OPERATOR = { username: 'sales-lead', password: 'browser test password' };
const NEW_PASSWORD = 'a fresh browser test password';
const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const TYPE = 'ecs.g7.large';
const IMAGE = 'aliyun_3_x64_20G_alibase_20241103.vhd';

describe('the sales console in headless Chromium, checked through the tenant SDK', () => {
  let platform: TestPlatform;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let ecs: Ecs;

  beforeAll(async () => {
    await buildConsole();
    platform = await startTestPlatform({ ECS_CONSOLE_PORT: '0', ECS_ADMIN_USER: OPERATOR.username, ECS_ADMIN_PASSWORD: OPERATOR.password });
    ecs = ecsClient(platform.gatewayUrl, platform.credentials);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  async function statusCategoryOf(zoneId: string, instanceType: string): Promise<string | undefined> {
    const { body } = await ecs.describeAvailableResource(new $Ecs.DescribeAvailableResourceRequest({ regionId: REGION, destinationResource: 'InstanceType', zoneId, instanceType }));
    return body!.availableZones!.availableZone![0]?.availableResources!.availableResource![0].supportedResources!.supportedResource![0].statusCategory;
  }

  function runInstance(dryRun: boolean) {
    return ecs.runInstances(new $Ecs.RunInstancesRequest({ regionId: REGION, zoneId: ZONE, instanceType: TYPE, imageId: IMAGE, dryRun }));
  }

  it('shows only the login page without a session, and explains a wrong password', async () => {
    await page.goto(`${platform.consoleUrl}/#/sale-matrix`);
    await page.getByLabel('Username').fill(OPERATOR.username);
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await shot('01-login-refused');
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('logs in, closes a type in a zone, and the tenant API refuses it at once', async () => {
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('who').waitFor();
    const cell = page.getByTestId(`cell-${ZONE}-${TYPE}`);
    await cell.getByText('On sale').waitFor();
    expect(await cell.textContent()).toMatch(/stock \d+/);
    await shot('02-sale-matrix');

    await page.getByRole('button', { name: `Close ${TYPE} in ${ZONE}` }).click();
    await cell.getByText('Closed').waitFor();
    await shot('03-sale-matrix-closed');

    expect(await errorCodeOf(runInstance(false))).toBe('InvalidInstanceType.NotSupported');
    expect(await statusCategoryOf(ZONE, TYPE)).toBe('ClosedWithStock');
    // The other zone is untouched.
    expect(await statusCategoryOf('cn-hangzhou-i', TYPE)).toBe('WithStock');
  });

  it('reopens it, and the tenant can launch there again', async () => {
    await page.getByRole('button', { name: `Open ${TYPE} in ${ZONE}` }).click();
    await page.getByTestId(`cell-${ZONE}-${TYPE}`).getByText('On sale').waitFor();
    expect(await statusCategoryOf(ZONE, TYPE)).toBe('WithStock');
    expect(await errorCodeOf(runInstance(true))).toBe('DryRunOperation');
    await shot('04-sale-matrix-reopened');
  });

  it('shows a clear validation error for a bad price, then saves a good one that DescribePrice returns', async () => {
    await page.getByRole('link', { name: 'Prices' }).click();
    const price = page.getByLabel(`Price per hour of ${TYPE}`);
    await price.fill('-3');
    await price.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Enter a price of 0 or more.' }).waitFor();
    await shot('05-prices-invalid');
    await price.fill('0.321');
    await price.press('Enter');
    await page.getByText('saved').waitFor();
    const { body } = await ecs.describePrice(new $Ecs.DescribePriceRequest({ regionId: REGION, instanceType: TYPE }));
    expect(body!.priceInfo!.price!.tradePrice).toBe(0.321);
  });

  it('draws the fleet and records every change in the audit log', async () => {
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('img', { name: 'Host vCPU heatmap' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'Up' }).count()).toBe(4);
    await shot('06-fleet');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'sale-spec.close' }).waitFor();
    expect(await page.getByRole('cell', { name: 'price.set' }).count()).toBe(1);
    await shot('07-audit-log');
  });

  it('changes the operator\'s own password: mistakes are explained, then only the new password logs in', async () => {
    await page.getByRole('link', { name: 'My password' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The two new passwords differ.' }).waitFor();
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    // The server checks the current password, and says which field is wrong.
    await page.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
    await shot('08-password-wrong-current');

    await page.getByLabel('Current password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Log in with the new one.').waitFor();
    await shot('09-password-changed');
    // The server ended the session, not just the page.
    expect(await page.evaluate(async () => (await fetch('/api/v1/sale-matrix')).status)).toBe(401);

    await page.getByLabel('Username').fill(OPERATOR.username);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('who').waitFor();
  });

  it('logs out on the server: the API is closed again', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/sale-matrix')).status);
    expect(status).toBe(401);
  });
});
