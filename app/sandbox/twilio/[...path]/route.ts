import { handleSandboxRequest } from "@/lib/sandbox/router";

// The built-in Twilio sandbox (sandbox mode only; 404 when real Twilio credentials are set).
export const dynamic = "force-dynamic";

export const GET = handleSandboxRequest;
export const POST = handleSandboxRequest;
export const DELETE = handleSandboxRequest;
