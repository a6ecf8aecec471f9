import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { cognitoPasswordCheck } from "./signing.ts";

const signer = { tenantId: "acme-med", userId: "u-1" };

describe("Cognito password check for electronic signatures", () => {
  const cognito = new CognitoIdentityProviderClient({ region: "eu-west-1" });
  const mock = mockClient(cognito);
  const check = cognitoPasswordCheck(cognito, "pool-1", "signing-client");

  it("asks Cognito with the user id and the signing client, and accepts a sign-in or an MFA challenge", async () => {
    mock.reset();
    mock
      .on(AdminInitiateAuthCommand)
      .resolvesOnce({ AuthenticationResult: { AccessToken: "x" } })
      .resolvesOnce({ ChallengeName: "SOFTWARE_TOKEN_MFA", Session: "s" });
    expect(await check.verify(signer, "pw")).toBe(true);
    expect(await check.verify(signer, "pw")).toBe(true);
    expect(mock.commandCalls(AdminInitiateAuthCommand)[0]!.args[0].input).toEqual({
      UserPoolId: "pool-1",
      ClientId: "signing-client",
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "u-1", PASSWORD: "pw" },
    });
  });

  it("treats a wrong password as a refusal, another challenge as a refusal, and a fault as a fault", async () => {
    mock.reset();
    mock
      .on(AdminInitiateAuthCommand)
      .rejectsOnce(new NotAuthorizedException({ message: "Incorrect username or password.", $metadata: {} }))
      .resolvesOnce({ ChallengeName: "NEW_PASSWORD_REQUIRED" })
      .rejectsOnce(new Error("network down"));
    expect(await check.verify(signer, "bad")).toBe(false);
    expect(await check.verify(signer, "temp")).toBe(false);
    await expect(check.verify(signer, "pw")).rejects.toThrow("network down");
  });
});
