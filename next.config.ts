import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "bcrypt", "twilio", "pino", "postgres", "sharp"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  // `npm test` checks types (`npm run typecheck`, test files included) just before it builds;
  // it sets TYPES_CHECKED so the build does not check them a second time.
  typescript: { ignoreBuildErrors: process.env.TYPES_CHECKED === "1" },
  async redirects() {
    // Saved replies were once called canned replies; old bookmarks still land on them.
    return [{ source: "/settings/canned-replies/:path*", destination: "/settings/saved-replies/:path*", permanent: true }];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ isDev: process.env.NODE_ENV !== "production" }) }];
  },
};

export default nextConfig;
