import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";
import { mockClient } from "aws-sdk-client-mock";

/**
 * Cognito has no local engine, so the directory-sync tests run against this stand-in: a user pool
 * in a Map behind aws-sdk-client-mock, answering the six admin calls the sync makes the way
 * Cognito does (the same exception classes for a missing or an existing user).
 */
export function fakeUserPool() {
  const users = new Map<string, { attributes: Record<string, string>; enabled: boolean }>();
  const signedOut: string[] = [];
  const invitations: { username: string; mediums: string[]; temporaryPassword?: string }[] = [];
  const mock = mockClient(CognitoIdentityProviderClient);
  const attrs = (list: AttributeType[] = []) => Object.fromEntries(list.map((a) => [a.Name!, a.Value ?? ""]));
  // Faults to inject: the next call of that command fails with the error, once.
  const faults = new Map<string, Error>();
  const fault = (command: string) => {
    const error = faults.get(command);
    faults.delete(command);
    if (error) throw error;
  };
  const existing = (username = "") => {
    const user = users.get(username);
    if (!user) throw new UserNotFoundException({ message: "User does not exist.", $metadata: {} });
    return user;
  };

  mock.on(AdminGetUserCommand).callsFake(({ Username }) => {
    fault("AdminGetUserCommand");
    const user = existing(Username);
    return {
      Username,
      Enabled: user.enabled,
      UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    };
  });
  mock
    .on(AdminCreateUserCommand)
    .callsFake(({ Username, UserAttributes, DesiredDeliveryMediums, TemporaryPassword }) => {
      fault("AdminCreateUserCommand");
      if (users.has(Username))
        throw new UsernameExistsException({ message: "User account already exists", $metadata: {} });
      users.set(Username, { attributes: attrs(UserAttributes), enabled: true });
      invitations.push({
        username: Username,
        mediums: DesiredDeliveryMediums ?? [],
        temporaryPassword: TemporaryPassword,
      });
      return { User: { Username, Enabled: true } };
    });
  mock.on(AdminUpdateUserAttributesCommand).callsFake(({ Username, UserAttributes }) => {
    fault("AdminUpdateUserAttributesCommand");
    Object.assign(existing(Username).attributes, attrs(UserAttributes));
    return {};
  });
  mock.on(AdminDisableUserCommand).callsFake(({ Username }) => {
    fault("AdminDisableUserCommand");
    existing(Username).enabled = false;
    return {};
  });
  mock.on(AdminEnableUserCommand).callsFake(({ Username }) => {
    fault("AdminEnableUserCommand");
    existing(Username).enabled = true;
    return {};
  });
  mock.on(AdminUserGlobalSignOutCommand).callsFake(({ Username }) => {
    fault("AdminUserGlobalSignOutCommand");
    existing(Username);
    signedOut.push(Username);
    return {};
  });

  const writes = () => mock.calls().filter((c) => !(c.args[0] instanceof AdminGetUserCommand)).length;
  const failOnce = (command: { name: string }, error: Error) => faults.set(command.name, error);
  return {
    mock,
    users,
    signedOut,
    invitations,
    writes,
    failOnce,
    client: new CognitoIdentityProviderClient({ region: "local" }),
  };
}
