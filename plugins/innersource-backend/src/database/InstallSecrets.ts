import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

const TABLE = 'innersource_install_secrets';

/** The secrets of this installation this store knows by name. */
export type InstallSecretName = 'contributor-keys';

/**
 * Secrets generated once per installation and kept in the plugin's database,
 * so every replica uses the same one. The first replica to ask inserts it;
 * one asking at the same time finds the row taken and reads the winner's.
 */
export class InstallSecrets {
  private readonly cached = new Map<InstallSecretName, Promise<Buffer>>();

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The named secret: 32 random bytes, the same on every replica and after restarts. */
  get(name: InstallSecretName): Promise<Buffer> {
    let secret = this.cached.get(name);
    if (!secret) {
      secret = this.readOrCreate(name);
      // a failed read (the database was away) is asked again next time
      secret.catch(() => this.cached.delete(name));
      this.cached.set(name, secret);
    }
    return secret;
  }

  private async readOrCreate(name: InstallSecretName): Promise<Buffer> {
    await this.db(TABLE)
      .insert({
        name,
        value: randomBytes(32).toString('base64'),
        created_at: this.now().toISOString(),
      })
      .onConflict('name')
      .ignore();
    const row = await this.db(TABLE).where({ name }).first('value');
    if (!row) throw new Error(`the install secret ${name} could not be stored`);
    return Buffer.from(row.value, 'base64');
  }
}
