// zod's own messages (a missing field, a wrong type, an unknown option) in Chinese: every
// server and command-line entry imports this once, so no English validation text reaches users.
// Messages the schemas spell out themselves (“请填写…”) are unchanged. The web does not import it:
// it shows the server's messages.
import { z } from 'zod';

z.config(z.locales.zhCN());
