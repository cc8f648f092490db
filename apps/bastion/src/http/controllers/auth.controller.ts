import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import type { Principal } from '../../identity/principal';
import { LoginWithPassword } from '../../use-cases/login/login-with-password.use-case';
import { Logout } from '../../use-cases/login/logout.use-case';
import { VerifyTotp } from '../../use-cases/login/verify-totp.use-case';
import { Access, BearerToken, ClientAddress, CurrentPrincipal } from '../access.guard';

@Controller('bastion/v1/auth')
export class AuthController {
  constructor(
    @Inject(LoginWithPassword) private readonly passwordLogin: LoginWithPassword,
    @Inject(VerifyTotp) private readonly totp: VerifyTotp,
    @Inject(Logout) private readonly logoutUseCase: Logout,
  ) {}

  @Post('login') @HttpCode(200)
  login(@Body() body: unknown, @ClientAddress() client: string) { return this.passwordLogin.execute(body, client); }

  @Post('totp') @HttpCode(200)
  verify(@Body() body: unknown, @ClientAddress() client: string) { return this.totp.execute(body, client); }

  @Post('logout') @HttpCode(200) @Access('any')
  logout(@CurrentPrincipal() principal: Principal, @BearerToken() token: string) { return this.logoutUseCase.execute(principal, token); }
}
