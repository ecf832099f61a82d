import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../api/index.ts';
import { useSession } from '../app/session.tsx';
import { Loading } from './feedback.tsx';

/** Lets only logged-in users through, and only to the account page while a password change or a TOTP enrolment is required. */
export function RequireAuth({
  children,
  allowPasswordChange,
}: {
  children: ReactNode;
  allowPasswordChange?: boolean;
}) {
  const { me, initializing, probeError, refresh } = useSession();
  const location = useLocation();

  if (initializing) {
    return (
      <div className="bz-fullscreen">
        <Loading />
      </div>
    );
  }
  if (probeError && me === null) {
    return (
      <div className="bz-fullscreen">
        <Result
          status="error"
          title="无法连接服务器"
          subTitle={errorMessage(probeError)}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  if (me === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if ((me.user.mustChangePassword || me.user.mustEnrolTotp) && !allowPasswordChange) {
    return <Navigate to="/change-password" replace />;
  }
  return <>{children}</>;
}
