/** Runs once when the server starts: fetch the session secret in AWS, then refuse to serve with a broken configuration. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const arn = process.env.NEXTAUTH_SECRET_ARN;
    if (arn && !process.env.NEXTAUTH_SECRET) {
      // In AWS the cookie-encryption secret lives in Secrets Manager, not in the function's environment.
      const { GetSecretValueCommand, SecretsManagerClient } = await import("@aws-sdk/client-secrets-manager");
      const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
      process.env.NEXTAUTH_SECRET = SecretString;
    }
    const { env } = await import("./env");
    env();
  }
}
