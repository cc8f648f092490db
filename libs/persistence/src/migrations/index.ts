import { InitialSchema1732850000000 } from './1732850000000-initial-schema';
import { DeploymentSets1732890000000 } from './1732890000000-deployment-sets';
import { AdminConsole1732870000000 } from './1732870000000-admin-console';
import { Bastion1732880000000 } from './1732880000000-bastion';
import { ImageCenter1732895000000 } from './1732895000000-image-center';
import { ControlFence1732900000000 } from './1732900000000-control-fence';
import { InstanceOs1732910000000 } from './1732910000000-instance-os';

/** Every migration, oldest first. Never edit one that has shipped: add the next. */
export const MIGRATIONS = [InitialSchema1732850000000, AdminConsole1732870000000, Bastion1732880000000, DeploymentSets1732890000000, ImageCenter1732895000000, ControlFence1732900000000, InstanceOs1732910000000];
