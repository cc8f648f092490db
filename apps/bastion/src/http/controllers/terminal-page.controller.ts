import { Controller, Get, Header, Inject } from '@nestjs/common';
import { TerminalAssets } from '../../web/terminal-assets';

/** Scripts only from the bastion itself; xterm.js styles its elements inline; never framed by others. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@Controller('terminal')
export class TerminalPageController {
  constructor(@Inject(TerminalAssets) private readonly assets: TerminalAssets) {}

  @Get() @Header('content-type', 'text/html; charset=utf-8') @Header('content-security-policy', CSP) @Header('cache-control', 'no-store')
  page() { return this.assets.page(); }

  @Get('app.js') @Header('content-type', 'text/javascript; charset=utf-8')
  app() { return this.assets.appScript(); }

  @Get('xterm.js') @Header('content-type', 'text/javascript; charset=utf-8')
  xtermScript() { return this.assets.xtermScript(); }

  @Get('xterm.css') @Header('content-type', 'text/css; charset=utf-8')
  xtermStyles() { return this.assets.xtermStyles(); }
}
