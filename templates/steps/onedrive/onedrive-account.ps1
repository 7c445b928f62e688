function Test-RgOneDriveAccount {
    <#
    .SYNOPSIS
        Whether OneDrive's work or school account is signed in for this user: OneDrive.exe in one of its
        three locations, then HKCU\Software\Microsoft\OneDrive\Accounts\Business1 with a UserEmail (and, when
        the step names a tenant, a ConfiguredTenantId equal to it, case-insensitively) (reference 3.4).
    .DESCRIPTION
        OneDrive not installed is compliant: the sign-in error the gate stands for (0x8004de40, reference 3.0)
        cannot occur, and an action gated by this probe is then not needed. Installed without a Business1
        UserEmail is the symptom: the sign-in never completed. The user's e-mail address is not written to
        the result or the log (personal data); only whether it is set. Reads only.
    .PARAMETER Step
        The step: Locations, SubKey, TenantId (empty: any tenant).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $tenant = [string]$Step.TenantId
    $expected = 'a OneDrive work or school account (Business1) signed in'
    if ($tenant) {
        $expected += ' to tenant ' + $tenant
    }
    $path = Find-RgOneDrive -Location @($Step.Locations)
    if (-not $path) {
        Write-RgLog -Message ($Step.Id + ': OneDrive.exe is in none of ' + (@($Step.Locations) -join ', '))
        return New-RgStepResult -Step $Step -Compliant $true -Actual 'OneDrive is not installed: nothing to check' -Expected $expected
    }
    $key = 'HKCU\' + $Step.SubKey
    try {
        $email = Get-RgRegistryData -Hive 'HKCU' -SubKey ([string]$Step.SubKey) -Name 'UserEmail'
        $configured = Get-RgRegistryData -Hive 'HKCU' -SubKey ([string]$Step.SubKey) -Name 'ConfiguredTenantId'
    }
    catch {
        throw ('could not read ' + $key + ': ' + $_.Exception.Message)
    }
    if (-not $email.Exists -or [string]::IsNullOrWhiteSpace([string]$email.Value)) {
        $found = 'has no UserEmail'
        if (-not $email.KeyExists) {
            $found = 'does not exist'
        }
        $actual = 'OneDrive installed at ' + $path + ', no work or school account signed in (' + $key + ' ' + $found + '): the sign-in never completed'
        return New-RgStepResult -Step $Step -Compliant $false -Actual $actual -Expected $expected
    }
    $configuredTenant = ''
    if ($configured.Exists) {
        $configuredTenant = ([string]$configured.Value).Trim()
    }
    $signedIn = 'Business1 signed in (UserEmail set)'
    if ($configuredTenant) {
        $signedIn += ' to tenant ' + $configuredTenant
    }
    if ($tenant -and -not [string]::Equals($configuredTenant, $tenant, [System.StringComparison]::OrdinalIgnoreCase)) {
        if (-not $configuredTenant) {
            $signedIn += ', tenant unknown (no ConfiguredTenantId)'
        }
        return New-RgStepResult -Step $Step -Compliant $false -Actual $signedIn -Expected $expected
    }
    New-RgStepResult -Step $Step -Compliant $true -Actual $signedIn -Expected $expected
}
